import { idCardFailure, idCardReaderSettingsSchema, type IdCardReaderSettings } from '../../shared/id-card'
import type { IdCardReader } from './id-card-reader'
import { createLocalServiceIdCardReader } from './local-service-id-card-reader'
import type { Platform } from './platform'
import { createSimulatedIdCardReader } from './simulated-id-card-reader'

/** Kept in this browser profile: the reader is the machine's, not the station's (the county never sees it). */
export const ID_CARD_SETTINGS_KEY = 'bianmin.idCardReader'

/** The desktop app reads through its SDK by default; a browser has no reader until one is set. */
function defaultIdCardSettings(platform: Pick<Platform, 'kind'>): IdCardReaderSettings {
  return platform.kind === 'desktop' ? { kind: 'desktopSdk' } : { kind: 'none' }
}

/** The saved settings, or the default when none are saved or what is saved no longer parses. */
export function loadIdCardSettings(storage: Pick<Storage, 'getItem'>, platform: Pick<Platform, 'kind'>): IdCardReaderSettings {
  const saved = storage.getItem(ID_CARD_SETTINGS_KEY)
  if (saved === null) return defaultIdCardSettings(platform)
  try {
    const parsed = idCardReaderSettingsSchema.safeParse(JSON.parse(saved))
    return parsed.success ? parsed.data : defaultIdCardSettings(platform)
  } catch {
    return defaultIdCardSettings(platform)
  }
}

/** Validates and saves; throws the schema's error (with the field's Chinese message) on a bad value. */
export function saveIdCardSettings(storage: Pick<Storage, 'setItem'>, settings: IdCardReaderSettings): IdCardReaderSettings {
  const parsed = idCardReaderSettingsSchema.parse(settings)
  storage.setItem(ID_CARD_SETTINGS_KEY, JSON.stringify(parsed))
  return parsed
}

/** The reader the settings name; the SDK only where the desktop app can reach it. */
export function createIdCardReader(settings: IdCardReaderSettings, platform: Pick<Platform, 'kind' | 'readIdCard'>): IdCardReader {
  switch (settings.kind) {
    case 'simulator':
      return createSimulatedIdCardReader()
    case 'localService':
      return createLocalServiceIdCardReader({ address: settings.address, mapping: settings.mapping })
    case 'desktopSdk':
      return { kind: 'desktopSdk', read: () => platform.readIdCard() }
    case 'none':
      return { kind: 'none', read: async () => idCardFailure('noReader') }
  }
}
