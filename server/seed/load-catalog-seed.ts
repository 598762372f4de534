import { existsSync, readFileSync } from 'node:fs'
import { catalogSeedSchema, type CatalogSeed } from '../../shared/catalog'

/** The starter catalog, validated; undefined when the file is not there. A broken file stops the start. */
export function loadCatalogSeed(path: string): CatalogSeed | undefined {
  if (!existsSync(path)) return undefined
  let parsed: unknown
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'))
  } catch (error) {
    throw new Error(`事项目录文件 ${path} 不是有效的 JSON：${(error as Error).message}`, { cause: error })
  }
  const result = catalogSeedSchema.safeParse(parsed)
  if (!result.success) {
    const issue = result.error.issues[0]
    throw new Error(`事项目录文件 ${path} 校验失败：${issue?.path.join('.')} ${issue?.message}`)
  }
  return result.data
}
