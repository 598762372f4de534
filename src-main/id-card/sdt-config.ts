import { isAbsolute } from 'node:path'

/** The standard SDK's text DLL (sdtapi.dll), as an absolute path; unset means no reader. */
const SDT_DLL_ENV = 'BIANMIN_IDCARD_SDTAPI'
/** The reader's port: USB 1001–1016 (the default 1001), serial 1–16. */
const SDT_PORT_ENV = 'BIANMIN_IDCARD_PORT'

export type SdtConfig = { dllPath: string; port: number }

/** A port the standard SDK knows: USB 1001–1016 or serial 1–16. */
function isSdtPort(port: number): boolean {
  return Number.isInteger(port) && ((port >= 1001 && port <= 1016) || (port >= 1 && port <= 16))
}

/**
 * Where the SDK is, or null when this machine has none: the DLL loads only on Windows and only
 * when an absolute path names it (a relative one would depend on the folder the app started in).
 * A wrong port is a set-up mistake, said at start in English for the installer's log.
 */
export function resolveSdtConfig(platform: NodeJS.Platform, env: Readonly<Record<string, string | undefined>>): SdtConfig | null {
  if (platform !== 'win32') return null
  const dllPath = env[SDT_DLL_ENV]?.trim()
  if (!dllPath || !isAbsolute(dllPath)) return null
  const portText = env[SDT_PORT_ENV]?.trim()
  const port = portText ? Number(portText) : 1001
  if (!isSdtPort(port)) throw new Error(`${SDT_PORT_ENV} must be a USB port 1001-1016 or a serial port 1-16, got: ${portText}`)
  return { dllPath, port }
}
