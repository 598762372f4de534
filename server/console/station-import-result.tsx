import { Alert, Button, Card, Table } from 'antd'
import type { CatalogImportError } from '../../shared/catalog-admin'
import type { StationImportResponse } from '../../shared/station-admin'

/** What an import of a station list answered: every bad row (nothing was imported) or how many stations it added and updated. */
export function StationImportResult({ fileName, answer, onClose }: { fileName: string; answer: StationImportResponse; onClose: () => void }) {
  if (answer.ok) {
    return (
      <Alert
        type="success"
        showIcon
        closable={{ onClose }}
        data-testid="station-import-done"
        title={`已导入“${fileName}”：新建 ${answer.created} 个站点，更新 ${answer.updated} 个站点。`}
        style={{ marginBottom: 16 }}
      />
    )
  }
  return (
    <Card title={`导入结果：${fileName}`} extra={<Button onClick={onClose}>关闭</Button>} data-testid="station-import-errors" style={{ marginBottom: 16 }}>
      <Alert type="error" showIcon title={`文件中有 ${answer.errorCount} 处错误，未导入任何站点。请按下表修改文件后重新导入。`} style={{ marginBottom: 16 }} />
      <Table<CatalogImportError>
        rowKey={(error) => `${error.row}|${error.column}|${error.message}`}
        size="small"
        dataSource={answer.errors}
        pagination={answer.errors.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        columns={[
          { title: '行号', dataIndex: 'row', width: 100, render: (row: number) => `第 ${row} 行` },
          { title: '列', dataIndex: 'column', width: 160, render: (column: string) => column || '—' },
          { title: '问题', dataIndex: 'message' },
        ]}
      />
    </Card>
  )
}
