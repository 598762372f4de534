import { COUNTY_TEMPLATE_ENV, prepareCountyTemplate, removeCountyTemplate } from './county-template'

/**
 * Playwright's global setup: one migrated, seeded county folder for every test to copy.
 * The returned function is the teardown. Workers inherit the environment set here.
 */
// eslint-disable-next-line no-restricted-syntax -- Playwright loads a global setup's default export
export default async function globalSetup(): Promise<() => Promise<void>> {
  const template = await prepareCountyTemplate()
  process.env[COUNTY_TEMPLATE_ENV] = template
  return async () => await removeCountyTemplate(template)
}
