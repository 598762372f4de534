/** Lower-case hex SHA-256 of a file, with WebCrypto (browsers, Electron and Node 20 alike). */
export async function sha256Hex(data: Blob | ArrayBuffer | Uint8Array<ArrayBuffer>): Promise<string> {
  const bytes = data instanceof Blob ? await data.arrayBuffer() : data
  const digest = await crypto.subtle.digest('SHA-256', bytes)
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('')
}
