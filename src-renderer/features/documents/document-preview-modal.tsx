import { PrinterOutlined } from '@ant-design/icons'
import { App, Button, Modal, Space } from 'antd'
import { useEffect, useState } from 'react'
import { createPortal } from 'react-dom'
import { useAgeFriendly } from '../../context/age-friendly-context'
import { useStation } from '../../context/station-context'
import type { StationDocument } from './document-model'
import { printDocument, saveDocumentPdf, type PrintOutcome } from './print-document'
import { PrintedDocument } from './printed-document'

/**
 * 打印预览: the A4 sheet in a modal, with 打印 (and 保存为 PDF on the desktop). While it is open,
 * a second copy sits directly under <body> for the printer, and the body's class tells the
 * print CSS to print that copy alone.
 */
export function DocumentPreviewModal({ document, onClose }: { document: StationDocument | null; onClose: () => void }) {
  const { platform } = useStation()
  const { message } = App.useApp()
  const [busy, setBusy] = useState(false)
  const { on: ageFriendly } = useAgeFriendly()

  useEffect(() => {
    if (document === null) return
    window.document.body.classList.add('printing-document')
    return () => window.document.body.classList.remove('printing-document')
  }, [document])

  const run = async (action: () => Promise<PrintOutcome>) => {
    setBusy(true)
    try {
      const outcome = await action()
      if (outcome.ok) void message.success(outcome.message)
      else void message.warning(outcome.message)
    } catch (error) {
      void message.error(error instanceof Error ? error.message : '打印失败')
    } finally {
      setBusy(false)
    }
  }

  return (
    <Modal
      open={document !== null}
      title={document ? `打印预览：${document.title}` : '打印预览'}
      // 适老模式 draws the sheet 1.4 times larger on screen (age-friendly.css); the paper is unchanged.
      width={ageFriendly ? 'min(calc(294mm + 64px), 100vw)' : 'calc(210mm + 64px)'}
      onCancel={onClose}
      destroyOnHidden
      footer={
        document ? (
          <Space>
            <Button onClick={onClose}>关闭</Button>
            {platform.kind === 'desktop' ? (
              <Button loading={busy} onClick={() => void run(() => saveDocumentPdf(platform, document))}>
                保存为 PDF
              </Button>
            ) : null}
            <Button type="primary" icon={<PrinterOutlined aria-hidden />} loading={busy} onClick={() => void run(() => printDocument(platform, document))}>
              打印
            </Button>
          </Space>
        ) : null
      }
    >
      {document ? (
        <div style={{ background: '#f0f0f0', padding: 16, overflowX: 'auto' }} data-testid="document-preview">
          <PrintedDocument document={document} />
        </div>
      ) : null}
      {document
        ? createPortal(
            <div className="print-root" aria-hidden>
              <PrintedDocument document={document} />
            </div>,
            window.document.body,
          )
        : null}
    </Modal>
  )
}
