import type { ShippedVersion } from './shipped-version'

/**
 * The reference data the county now sends through pull (working-day calendar per year, 一件事一次办
 * bundles, this station's 进驻事项). New, empty tables, nothing to convert: a station of version 3
 * never stored a page holding these changes (its protocol schema refused such a page, cursor
 * included), so its next pull from the stored cursor brings them.
 */
export const v4: ShippedVersion = { version: 4, stores: { calendar: 'year', lifeEvents: 'id', stationItems: 'itemId' } }
