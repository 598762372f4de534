import { Alert, Descriptions, Drawer, Table, Tag, Typography } from 'antd'
import {
  AUDIENCE_LABELS,
  CHANNEL_LABELS,
  CROSS_REGION_LABELS,
  HANDLING_LABELS,
  ITEM_TYPE_LABELS,
  MATERIAL_FORM_LABELS,
  MATERIAL_NECESSITY_LABELS,
  MATERIAL_SOURCE_LABELS,
  ONLINE_DEPTH_LABELS,
  type ServiceItem,
  type ServiceMaterial,
} from '../../../shared/catalog'
import { useAgeFriendly } from '../../context/age-friendly-context'
import { consultPhoneLabel, copiesLabel, legalLimitLabel, promisedLimitLabel } from './catalog-labels'
import { ITEM_STATUS_COLORS, itemStatusLabel, itemUnavailableReason } from './catalog-status'

const yesNo = (value: boolean): string => (value ? '是' : '否')

/** 办事指南: everything a clerk reads to a resident before taking an application in. */
export function ItemGuide({ item, applyElsewhere = null, onClose }: { item: ServiceItem | null; applyElsewhere?: string | null; onClose: () => void }) {
  // 适老模式 draws 20 px type: the guide gets room for it rather than wrapping every cell.
  const { on: ageFriendly } = useAgeFriendly()
  return (
    <Drawer
      open={item !== null}
      onClose={onClose}
      size={ageFriendly ? 'min(1100px, 100vw)' : 760}
      title={item ? `办事指南：${item.name}` : '办事指南'}
      destroyOnHidden
      // The guide scrolls in its own focusable region, so the keyboard can scroll it too (it has no links).
      styles={{ body: { padding: 0, overflow: 'hidden' } }}
    >
      {item ? (
        <div role="region" aria-label="办事指南内容" tabIndex={0} style={{ height: '100%', overflowY: 'auto', padding: 24, boxSizing: 'border-box' }}>
          {applyElsewhere ? <Alert type="info" showIcon data-testid="apply-elsewhere" title={applyElsewhere} style={{ marginBottom: 16 }} /> : null}
          <GuideContent item={item} />
        </div>
      ) : null}
    </Drawer>
  )
}

function GuideContent({ item }: { item: ServiceItem }) {
  return (
    <>
      <StatusNotice item={item} />
      <Descriptions
        bordered
        size="small"
        column={2}
        items={[
          { key: 'implCode', label: '实施编码', children: item.implCode },
          { key: 'itemType', label: '事项类型', children: item.itemSubKind ?? ITEM_TYPE_LABELS[item.itemType] },
          { key: 'domain', label: '主题领域', children: item.domain },
          { key: 'department', label: '实施主体', children: item.department },
          { key: 'audience', label: '服务对象', children: item.audience.map((code) => AUDIENCE_LABELS[code]).join('、') },
          { key: 'handling', label: '办件类型', children: HANDLING_LABELS[item.handling] },
          { key: 'legal', label: '法定办结时限', children: legalLimitLabel(item) },
          { key: 'promised', label: '承诺办结时限', children: promisedLimitLabel(item) },
          {
            key: 'fee',
            label: '收费',
            children: item.fee.charged
              ? item.fee.description
              : `不收费${item.fee.description && item.fee.description !== '不收费' ? `（${item.fee.description}）` : ''}`,
          },
          { key: 'acceptOnReceipt', label: '收件即受理', children: yesNo(item.acceptOnReceipt) },
          { key: 'channels', label: '办理形式', children: item.channels.map((code) => CHANNEL_LABELS[code]).join('、') },
          { key: 'crossRegion', label: '通办范围', children: CROSS_REGION_LABELS[item.crossRegion] },
          { key: 'onlineDepth', label: '网办深度', children: ONLINE_DEPTH_LABELS[item.onlineDepth] },
          { key: 'phone', label: '咨询电话', children: consultPhoneLabel(item) },
          { key: 'complaintPhone', label: '监督投诉电话', children: item.complaintPhone ?? '请咨询窗口' },
          { key: 'location', label: '办理地点', children: item.location, span: 2 },
          { key: 'hours', label: '办理时间', children: item.officeHours, span: 2 },
          { key: 'result', label: '办理结果', children: item.resultDescription ?? '—', span: 2 },
          // Shown as text, not a link: the station may be offline, and the clerk reads it out or writes it down.
          { key: 'onlineUrl', label: '网上办理地址', children: item.onlineUrl ?? '不提供网上办理', span: 2 },
        ]}
      />
      {item.processSteps && item.processSteps.length > 0 ? (
        <>
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            办理流程
          </Typography.Title>
          <ol data-testid="guide-process">
            {item.processSteps.map((step) => (
              <li key={step}>{step}</li>
            ))}
          </ol>
        </>
      ) : null}
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        受理条件
      </Typography.Title>
      <ol>
        {item.conditions.map((condition) => (
          <li key={condition}>{condition}</li>
        ))}
      </ol>
      <Typography.Title level={5}>申请材料</Typography.Title>
      <Table<ServiceMaterial>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={item.materials}
        locale={{ emptyText: '无需提交材料' }}
        columns={[
          { title: '材料名称', dataIndex: 'name', render: (_, material) => <MaterialName material={material} /> },
          {
            title: '必要性',
            dataIndex: 'necessity',
            width: 90,
            render: (_, material) => (
              <Tag color={material.necessity === 'required' ? 'red' : material.necessity === 'deferrable' ? 'gold' : undefined}>
                {MATERIAL_NECESSITY_LABELS[material.necessity]}
              </Tag>
            ),
          },
          { title: '形式与份数', key: 'copies', render: (_, material) => `${MATERIAL_FORM_LABELS[material.form]}，${copiesLabel(material)}` },
          {
            title: '来源',
            dataIndex: 'source',
            render: (_, material) => `${MATERIAL_SOURCE_LABELS[material.source]}${material.issuedBy ? `（${material.issuedBy}）` : ''}`,
          },
          {
            title: '可替代方式',
            key: 'replace',
            render: (_, material) =>
              [material.commitmentAllowed ? '告知承诺' : null, material.eLicenceReplaces ? '电子证照' : null].filter(Boolean).join('、') || '—',
          },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        设定依据
      </Typography.Title>
      <ul>
        {item.legalBasis.map((basis) => (
          <li key={basis}>{basis}</li>
        ))}
      </ul>
    </>
  )
}

/** Why a 暂停 or 已取消 item takes no new intake; nothing for an item in use. */
function StatusNotice({ item }: { item: ServiceItem }) {
  const reason = itemUnavailableReason(item)
  if (reason === null) return null
  return (
    <Alert
      type={item.status === 'withdrawn' ? 'error' : 'warning'}
      showIcon
      data-testid="item-status-notice"
      title={
        <>
          <Tag color={ITEM_STATUS_COLORS[item.status]}>{itemStatusLabel(item.status)}</Tag>
          不能新建办件
        </>
      }
      description={reason}
      style={{ marginBottom: 16 }}
    />
  )
}

function MaterialName({ material }: { material: ServiceMaterial }) {
  return (
    <>
      {material.name}
      {material.notes ? (
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
          {material.notes}
        </Typography.Text>
      ) : null}
    </>
  )
}
