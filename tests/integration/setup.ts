// The files that run the real station engine in Node use fake-indexeddb. With one module graph per
// worker (isolate: false), Dexie is imported once and binds IndexedDB then, so the fake must be
// installed before any file loads it, not by whichever file happens to run first.
import 'fake-indexeddb/auto'
