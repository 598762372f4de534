import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { catalogSeedSchema, type ServiceItem } from '../../../shared/catalog'

const seedPath = resolve(import.meta.dirname, '../../../resources/catalog/menghai-catalog.json')

/** The real 勐海县 demo catalog, as the county seeds it: search is tested on the names clerks will see. */
export function demoCatalogItems(): ServiceItem[] {
  return catalogSeedSchema.parse(JSON.parse(readFileSync(seedPath, 'utf8'))).items.map((item) => ({ ...item, version: 1 }))
}

export function demoItemNamed(name: string): ServiceItem {
  const item = demoCatalogItems().find((candidate) => candidate.name === name)
  if (item === undefined) throw new Error(`demo catalog has no item named ${name}`)
  return item
}
