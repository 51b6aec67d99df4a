// Worker-thread entry: workers do not inherit tsx from the main thread, so register it here,
// then load the TypeScript module named in workerData.module.
import { register } from 'tsx/esm/api'
import { workerData } from 'node:worker_threads'

register()
await import(workerData.module)
