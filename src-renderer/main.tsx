import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/app'
import { openDataKey } from './db/data-key-access'
import { requestPersistentStorage } from './db/persistent-storage'
import { StationDb } from './db/station-db'
import { choosePlatform } from './platform'
import './styles.css'

const root = document.getElementById('root')
if (root === null) throw new Error('index.html has no #root element')

// Unsent intakes live only in IndexedDB until the county confirms them: ask the browser not to evict it.
void requestPersistentStorage()

const db = new StationDb()
const platform = choosePlatform()

// The data key is opened (desktop) or marked locked (browser) before anything reads the database.
// A desktop whose OS key store fails falls back to the staff passwords, as in browser mode.
void openDataKey(db, platform.osKeyStore)
  .catch(() => openDataKey(db))
  .finally(() => {
    createRoot(root).render(
      <StrictMode>
        <App db={db} platform={platform} />
      </StrictMode>,
    )
  })
