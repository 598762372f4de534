import type { CatalogFile, CatalogItemSummary } from '../../shared/catalog-admin'

/** Items whose code, name, department or domain contains the query (case-insensitive); all items for a blank query. */
export function filterCatalogItems(items: readonly CatalogItemSummary[], query: string): CatalogItemSummary[] {
  const needle = query.trim().toLowerCase()
  if (needle === '') return [...items]
  return items.filter((item) => [item.id, item.name, item.department, item.domain].some((text) => text.toLowerCase().includes(needle)))
}

/** Hands an exported file to the browser as a download. */
export function saveCatalogFile(file: CatalogFile): void {
  const bytes = Uint8Array.from(atob(file.contentBase64), (char) => char.charCodeAt(0))
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mediaType }))
  const link = document.createElement('a')
  link.href = url
  link.download = file.fileName
  document.body.append(link)
  link.click()
  link.remove()
  // The download has started from the click; the URL is only needed until then.
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}
