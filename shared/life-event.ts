import { z } from './zod'
import { itemCodeSchema } from './catalog'

const text = (max: number) => z.string().trim().min(1).max(max)

/** A material collected once for every item in a 一件事一次办 bundle, e.g. 父母居民身份证, 出生医学证明. */
const lifeEventSharedMaterialSchema = z.object({
  name: text(200),
  description: z.string().trim().max(500).optional(),
})

/** 一件事一次办: several catalog items handled as one (新生儿出生, 企业开办, 不动产登记, 企业变更, 医疗费用结算). */
export const lifeEventSchema = z.object({
  /** The bundle id, the same tag the items carry in `lifeEvents`, e.g. "birth". */
  id: z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,39}$/),
  /** e.g. 新生儿出生一件事. */
  name: text(100),
  description: text(1000),
  /** Catalog item ids (implementation codes) in the bundle. */
  itemIds: z.array(itemCodeSchema).min(2),
  sharedMaterials: z.array(lifeEventSharedMaterialSchema),
})

export const lifeEventListSchema = z.array(lifeEventSchema)

export type LifeEvent = z.infer<typeof lifeEventSchema>
