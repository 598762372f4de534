import { Fragment } from 'react'
import { formatChineseDate, type DocumentSection, type StationDocument } from './document-model'
import './printed-document.css'
import { useQrCode } from './use-qr-code'

/** One document laid out as an A4 sheet: the same markup is previewed and printed. */
export function PrintedDocument({ document }: { document: StationDocument }) {
  const qr = useQrCode(document.qrText)
  return (
    <article className="printed-document" data-document-kind={document.kind} aria-label={document.title}>
      <header className="printed-document__head">
        <div>
          <h2 className="printed-document__title">{document.title}</h2>
          <div className="printed-document__numbers">
            <div>{`文书编号：${document.documentNo}`}</div>
            {document.intakeNo !== undefined ? <div>{`办件编号：${document.intakeNo}`}</div> : null}
          </div>
        </div>
        {document.qrText === undefined ? null : qr ? (
          <img className="printed-document__qr" src={qr} alt={`进度查询二维码（办件编号 ${document.intakeNo ?? ''}）`} data-qr-text={document.qrText} />
        ) : (
          <div className="printed-document__qr" />
        )}
      </header>
      {document.sections.map((section, index) => (
        <Section key={index} section={section} />
      ))}
      <footer className="printed-document__issuer">
        <div>{document.issuer}</div>
        <div>{formatChineseDate(document.date)}</div>
      </footer>
    </article>
  )
}

function Section({ section }: { section: DocumentSection }) {
  return (
    <section>
      {section.newPage ? (
        <>
          <div className="printed-document__page-break" aria-hidden />
          <h2 className="printed-document__page-title">{section.newPage.title}</h2>
        </>
      ) : null}
      {section.heading ? <h3>{section.heading}</h3> : null}
      {section.fields?.length ? (
        <dl>
          {section.fields.map((field) => (
            <Fragment key={field.label}>
              <dt>{field.label}</dt>
              <dd>{field.value}</dd>
            </Fragment>
          ))}
        </dl>
      ) : null}
      {section.paragraphs?.map((paragraph, index) => (
        <p key={index}>{paragraph}</p>
      ))}
      {section.table ? (
        <table>
          <thead>
            <tr>
              {section.table.columns.map((column) => (
                <th key={column}>{column}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {section.table.rows.map((row, rowIndex) => (
              <tr key={rowIndex}>
                {row.map((cell, cellIndex) => (
                  <td key={cellIndex}>{cell}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {section.signatures?.length ? (
        <div className="printed-document__signatures">
          {section.signatures.map((line) => (
            <div key={line} className="printed-document__signature">
              {line}
            </div>
          ))}
        </div>
      ) : null}
    </section>
  )
}
