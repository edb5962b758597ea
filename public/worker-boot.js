// Starts the engine worker. Trunk builds worker.js / worker_bg.wasm (no-modules target);
// this file loads them and turns a failed download or instantiation into a protocol
// message (id 0 is reserved for worker-level failures), so the UI can say what went wrong
// instead of waiting forever.
//
// BUILD is stamped by scripts/build_id.py. The page asks for `worker-boot.js?v=<its build>`;
// if this file is from another build (the app was deployed again while the tab was open),
// it does not start an engine the page was not built for, and says to reload.
const BUILD = 'dev-build';
const version = new URL(self.location.href).searchParams.get('v') || '';
const suffix = version ? `?v=${encodeURIComponent(version)}` : '';
const fail = (message) => postMessage({ Error: { id: 0, error: { code: 'WorkerUnavailable', message } } });
if (BUILD !== 'dev-build' && version && version !== BUILD) {
  fail('A new version of Fitted was installed while this tab was open. Reload the page to use it (nothing you saved is lost).');
} else {
  try {
    importScripts(`./worker.js${suffix}`);
    wasm_bindgen({ module_or_path: `./worker_bg.wasm${suffix}` }).catch((e) => fail(`The engine could not start: ${e}`));
  } catch (e) {
    fail(`The engine could not be downloaded: ${e}`);
  }
}
