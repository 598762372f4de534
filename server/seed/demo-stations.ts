import type { StationKind } from '../../shared/station'

export type DemoStation = { code: string; name: string; kind: StationKind; township: string }

/** The demo stations of 勐海县: one township centre and two village stations. */
export const DEMO_STATIONS: readonly DemoStation[] = [
  { code: 'MHZ01', name: '勐海镇便民服务中心', kind: 'townshipCentre', township: '勐海镇' },
  { code: 'MHZMZ01', name: '勐海镇曼真村便民服务站', kind: 'villageStation', township: '勐海镇' },
  { code: 'MZZJZ01', name: '勐遮镇景真村便民服务站', kind: 'villageStation', township: '勐遮镇' },
]

export const DEMO_ADMIN = { username: 'admin', displayName: '县政务服务管理局管理员', role: 'countyAdmin' } as const

/** A department reviewer (部门审核人员) of 勐海县民政局: sees only that department's intakes. */
export const DEMO_REVIEWER = { username: 'minzheng', displayName: '民政局审核员', role: 'countyOperator', department: '勐海县民政局' } as const
