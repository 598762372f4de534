import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/App'
import { requestPersistentStorage } from './db/persistent-storage'
import { StationDb } from './db/station-db'
import { choosePlatform } from './platform'
import './styles.css'

const root = document.getElementById('root')
if (root === null) throw new Error('index.html has no #root element')

// Unsent intakes live only in IndexedDB until the county confirms them: ask the browser not to evict it.
void requestPersistentStorage()

createRoot(root).render(
  <StrictMode>
    <App db={new StationDb()} platform={choosePlatform()} />
  </StrictMode>,
)
