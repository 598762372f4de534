import { App, Select } from 'antd'
import { useEffect, useMemo, useState } from 'react'
import type { AdminStation } from '../../shared/admin'
import { ConsoleApiError, listStations } from './api'

type StationDirectory = { stations: AdminStation[]; names: ReadonlyMap<string, string>; nameOf: (code: string) => string }

/**
 * The county's stations, read once per list page, for its station filter and to show a
 * station's name instead of its code. A failed read is said once; the lists still work by code.
 */
export function useStationDirectory(): StationDirectory {
  const { message } = App.useApp()
  const [stations, setStations] = useState<AdminStation[]>([])
  useEffect(() => {
    listStations().then(setStations, (failure: unknown) => {
      void message.error(failure instanceof ConsoleApiError ? failure.message : '读取站点失败')
    })
  }, [message])
  return useMemo(() => {
    const names = new Map(stations.map((station) => [station.code, station.name]))
    return { stations, names, nameOf: (code: string) => names.get(code) ?? code }
  }, [stations])
}

/** 全部站点 / one station, searchable by name or code: the first filter of every console list. */
export function StationFilterSelect({
  stations,
  value,
  onChange,
}: {
  stations: AdminStation[]
  value: string | undefined
  onChange: (code: string | undefined) => void
}) {
  return (
    <Select
      aria-label="站点"
      placeholder="全部站点"
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      style={{ width: 260 }}
      value={value}
      onChange={onChange}
      options={stations.map((station) => ({ value: station.code, label: `${station.name}（${station.code}）` }))}
    />
  )
}
