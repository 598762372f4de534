import type { StationKind } from '../../shared/station'

export type DemoStation = { code: string; name: string; kind: StationKind; township: string }

/** The demo stations of 勐海县: one township centre and two village stations (their codes are in tests and scripts). */
export const DEMO_STATIONS: readonly DemoStation[] = [
  { code: 'MHZ01', name: '勐海镇便民服务中心', kind: 'townshipCentre', township: '勐海镇' },
  { code: 'MHZMZ01', name: '勐海镇曼真村便民服务站', kind: 'villageStation', township: '勐海镇' },
  { code: 'MZZJZ01', name: '勐遮镇景真村便民服务站', kind: 'villageStation', township: '勐遮镇' },
]

const centre = (code: string, township: string): DemoStation => ({ code, name: `${township}便民服务中心`, kind: 'townshipCentre', township })

/**
 * The real structure of 勐海县: one 乡镇便民服务中心 for each of its 11 乡镇 (6 镇, 5 乡). Village
 * stations other than the demo ones are not invented: the county creates or imports them.
 */
export const MENGHAI_TOWNSHIP_CENTRES: readonly DemoStation[] = [
  centre('MHZ01', '勐海镇'),
  centre('DLZ01', '打洛镇'),
  centre('MHUNZ01', '勐混镇'),
  centre('MZZ01', '勐遮镇'),
  centre('MMZ01', '勐满镇'),
  centre('MAZ01', '勐阿镇'),
  centre('MSX01', '勐宋乡'),
  centre('MWX01', '勐往乡'),
  centre('GLHX01', '格朗和哈尼族乡'),
  centre('BLSX01', '布朗山布朗族乡'),
  centre('XDX01', '西定哈尼族布朗族乡'),
]

/** Every station the demo seed creates: the 11 centres, then the demo village stations. */
export const SEEDED_STATIONS: readonly DemoStation[] = [
  ...MENGHAI_TOWNSHIP_CENTRES,
  ...DEMO_STATIONS.filter((demo) => !MENGHAI_TOWNSHIP_CENTRES.some((centre) => centre.code === demo.code)),
]

export const DEMO_ADMIN = { username: 'admin', displayName: '县政务服务管理局管理员', role: 'countyAdmin' } as const

/** A department reviewer (部门审核人员) of 勐海县民政局: sees only that department's intakes. */
export const DEMO_REVIEWER = { username: 'minzheng', displayName: '民政局审核员', role: 'countyOperator', department: '勐海县民政局' } as const
