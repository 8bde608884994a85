import { startApp } from '/work/main/frontend/e2e/harness.mjs';
const t = Date.now();
try { await startApp({ env: { CGO_ENABLED: '0' } }); console.log('UNEXPECTED: started'); }
catch (e) { console.log(`failed after ${(Date.now()-t)/1000}s:`, e.message.split('\n').slice(0, 3).join(' | '), '...', e.message.split('\n').slice(-6).join(' | ')); }
