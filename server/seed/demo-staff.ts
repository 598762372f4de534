import type { StationStaffRole } from '../../shared/staff'

/** Printed at start, like the admin's demo password; only valid while the county has not reset it. */
export const DEMO_STAFF_PASSWORD = 'station2026'

/** `onSiteAuthority`: the demo leads are the stations' 首席事务代表, so 当场办结 can be shown. */
export type DemoStaff = { stationCode: string; username: string; displayName: string; role: StationStaffRole; onSiteAuthority: boolean; passwordHash: string }

/**
 * Demo accounts per demo station. The hashes are of DEMO_STAFF_PASSWORD, each with its own
 * salt, made once with server/staff-secrets.ts: computing six PBKDF2 hashes at every start
 * would slow every test that starts a county.
 */
export const DEMO_STAFF: readonly DemoStaff[] = [
  {
    stationCode: 'MHZMZ01',
    username: 'yanhan',
    displayName: '岩罕',
    role: 'agent',
    onSiteAuthority: false,
    passwordHash: 'pbkdf2-sha256$210000$xaZVr1II/kGXo6BFaFWnuA==$b6YQabv0gn4JtPyc2SG9JFwpiNJ8NZQR1LgGOwvz+oY=',
  },
  {
    stationCode: 'MHZMZ01',
    username: 'yuxiang',
    displayName: '玉香',
    role: 'lead',
    onSiteAuthority: true,
    passwordHash: 'pbkdf2-sha256$210000$j6v1wHK42Mj4JYfT6vcxzQ==$kjdKfQeQk5Qyuw0j+ReSbJ11WZLiETKvByqYhPIKLWk=',
  },
  {
    stationCode: 'MHZ01',
    username: 'liqiong',
    displayName: '李琼',
    role: 'clerk',
    onSiteAuthority: false,
    passwordHash: 'pbkdf2-sha256$210000$XCzd52upsC870mDPWtugsw==$nY8mGH7I2ONp22iI0SLke2aYW/UaL1P2X7RuEY4y1dM=',
  },
  {
    stationCode: 'MHZ01',
    username: 'zhaowei',
    displayName: '赵伟',
    role: 'lead',
    onSiteAuthority: true,
    passwordHash: 'pbkdf2-sha256$210000$GjTGRaXf+f+3Omkp+oK4Iw==$WNszbQrKALZzJu5QOXy2xmLMWEMxmtvfWIvKtu5HxEE=',
  },
  {
    stationCode: 'MZZJZ01',
    username: 'yanwen',
    displayName: '岩温',
    role: 'agent',
    onSiteAuthority: false,
    passwordHash: 'pbkdf2-sha256$210000$lMV5OF6FrS44K0KlIcb16A==$my2vBQAmIrQ2K3p3vqRpNRUyIlhTshx6ajFOmrziLNQ=',
  },
  {
    stationCode: 'MZZJZ01',
    username: 'yulan',
    displayName: '玉兰',
    role: 'lead',
    onSiteAuthority: true,
    passwordHash: 'pbkdf2-sha256$210000$XaIZc6/NiNmIlr2QC1KAUg==$JBzpnjtG0afAP3DLLhpetw4wK9vhSYkthuhmMNjUHqs=',
  },
]
