// Horarium in the browser: the service worker. It keeps a copy of the app shell, the engine
// (.wasm) and the bundled examples, so that the app works offline once it has been loaded.
//
// Every request is tried on the network first (so a new version is picked up at once) and falls
// back to the copy. Every response gets the cross-origin isolation headers (COOP/COEP), so that
// from the second visit on the page may use shared memory (instant Stop) even when the web server
// does not send them.

const CACHE = 'horarium-app-v1';
const SHELL = [
  './',
  'index.html',
  'app.js',
  'worker.js',
  'style.css',
  'pkg/horarium_wasm.js',
  'pkg/horarium_wasm_bg.wasm',
];
const EXAMPLES = ['examples/school-small.json', 'examples/school-80.json', 'examples/tiny.ctt'];

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await cache.addAll(SHELL);
      // An example that is missing must not keep the app from working offline.
      await Promise.all(EXAMPLES.map((url) => cache.add(url).catch(() => undefined)));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(networkFirst(request));
});

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    return isolated(response);
  } catch (err) {
    const copy = (await cache.match(request, { ignoreSearch: true })) || (request.mode === 'navigate' ? await cache.match('./') : undefined);
    if (copy) return isolated(copy);
    return new Response(`offline, and ${new URL(request.url).pathname} was never loaded`, { status: 503, headers: { 'Content-Type': 'text/plain' } });
  }
}

/** The response with the headers that make the page cross-origin isolated. */
function isolated(response) {
  if (response.type === 'opaque' || response.status === 0) return response;
  const headers = new Headers(response.headers);
  headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  headers.set('Cross-Origin-Embedder-Policy', 'require-corp');
  headers.set('Cross-Origin-Resource-Policy', 'same-origin');
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
