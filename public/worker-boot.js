// Starts the engine worker. Trunk builds worker.js / worker_bg.wasm (no-modules target);
// this file loads them and turns a failed download or instantiation into a protocol
// message (id 0 is reserved for worker-level failures), so the UI can say what went wrong
// instead of waiting forever.
const version = new URL(self.location.href).searchParams.get('v') || '';
const suffix = version ? `?v=${encodeURIComponent(version)}` : '';
try {
  importScripts(`./worker.js${suffix}`);
  wasm_bindgen({ module_or_path: `./worker_bg.wasm${suffix}` }).catch((e) => {
    postMessage({ Error: { id: 0, error: { code: 'WorkerUnavailable', message: `The engine could not start: ${e}` } } });
  });
} catch (e) {
  postMessage({ Error: { id: 0, error: { code: 'WorkerUnavailable', message: `The engine could not be downloaded: ${e}` } } });
}
