import { z } from './zod'

export const stationKindSchema = z.enum(['townshipCentre', 'villageStation'])
export const STATION_KIND_LABELS: Record<StationKind, string> = {
  townshipCentre: '乡镇便民服务中心',
  villageStation: '村(社区)便民服务站',
}

/** Station codes go into intake numbers, so they stay short and plain. */
export const stationCodeSchema = z.string().regex(/^[0-9A-Za-z]{1,20}$/, '站点编码只能包含字母和数字')

export const stationSchema = z.object({
  code: stationCodeSchema,
  name: z.string().min(1).max(100),
  kind: stationKindSchema,
  township: z.string().min(1).max(50),
  countyCode: z.string().regex(/^\d{6}$/),
  countyName: z.string().min(1).max(50),
  /** Implementation codes of the items this station takes in (进驻事项). */
  itemIds: z.array(z.string().max(40)),
})

/**
 * 进驻事项: the items a station takes in, as the county assigns them. Pulled as its own change
 * (not only inside the station record) because the list changes with the catalog, not with the
 * station's settings.
 */
export const stationItemsSchema = z.object({
  stationCode: stationCodeSchema,
  itemIds: z.array(z.string().regex(/^[0-9A-Za-z]{1,40}$/)),
})

/** `POST /admin/stations/:code/items`: the station's whole new list, replacing the old one. */
export const setStationItemsRequestSchema = z.object({
  itemIds: z
    .array(z.string().regex(/^[0-9A-Za-z]{1,40}$/, '事项编码只能包含字母和数字'))
    .min(1, '至少保留一个进驻事项')
    .max(5000, '进驻事项不能超过5000项'),
})

export type StationKind = z.infer<typeof stationKindSchema>
export type Station = z.infer<typeof stationSchema>
export type StationItems = z.infer<typeof stationItemsSchema>
