import { statisticsParamsSchema, statisticsSchema } from '../../shared/statistics'
import type { Database } from '../db/database'
import { errorResponses } from '../http/openapi'
import type { Router } from '../http/router'
import { contentDisposition } from '../files/content-disposition'
import { readStatistics } from '../services/statistics/statistics-service'
import { writeStatisticsWorkbook } from '../services/statistics/statistics-workbook'

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** 统计分析 for the 州/省 reports: the figures as JSON for the console's charts, and as a workbook. */
export function registerStatisticsAdminRoutes(router: Router, deps: { db: Database }): void {
  router.define(
    {
      method: 'GET',
      url: '/admin/statistics/:period',
      operationId: 'adminStatistics',
      summary:
        '统计分析：某年、季度或月收件的办件的收件、受理、办结、不予受理、即办件占比、按时办结率、超期、帮办代办、通办、一件事、好评率、差评整改率，按月份、部门、事项、乡镇、站点分列；部门审核人员只含本部门事项',
      auth: 'operator',
      params: statisticsParamsSchema,
      response: statisticsSchema,
      errors: [400, 401],
    },
    async ({ params, auth }) => readStatistics(deps.db, auth, params.period),
  )

  router.defineRaw(
    {
      method: 'GET',
      url: '/admin/statistics/:period/workbook',
      auth: 'operator',
      params: statisticsParamsSchema,
      openapi: {
        operationId: 'adminStatisticsWorkbook',
        summary: '统计分析导出为 XLSX 工作簿：汇总一张表，按月份、部门、事项、乡镇、站点各一张表',
        responses: {
          200: { description: 'XLSX 工作簿', content: { [XLSX_MIME]: { schema: { type: 'string', format: 'binary' } } } },
          ...errorResponses([400, 401]),
        },
      },
    },
    async ({ params, auth, reply }) => {
      const workbook = await writeStatisticsWorkbook(await readStatistics(deps.db, auth, params.period))
      await reply
        .code(200)
        .type(XLSX_MIME)
        .header('Content-Disposition', contentDisposition(`统计分析-${params.period}.xlsx`, XLSX_MIME))
        .header('Cache-Control', 'no-store')
        .send(workbook)
    },
  )
}
