/** `?county=http://…` in the page address prefills the county server field (deployment links, e2e tests). */
export function countyUrlFromPage(search: string = window.location.search): string {
  return new URLSearchParams(search).get('county')?.trim() ?? ''
}
