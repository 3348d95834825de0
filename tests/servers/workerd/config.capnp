# workerd, Cloudflare's Workers runtime, serving worker.mjs on one HTTP socket. The package entry is
# declared as a module under the name the worker imports ("embed-events/webhooks"), embedded from
# node_modules as npm installed it: no bundler, no wrangler. The secrets come from the process's
# environment (fromEnvironment), the port from --socket-addr http=127.0.0.1:PORT.
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [(name = "main", worker = .webhooks)],
  sockets = [(name = "http", address = "127.0.0.1:8787", http = (), service = "main")],
);

const webhooks :Workerd.Worker = (
  modules = [
    (name = "worker", esModule = embed "worker.mjs"),
    (name = "embed-events/webhooks", esModule = embed "node_modules/embed-events/dist/webhooks.js"),
  ],
  compatibilityDate = "2025-09-01",
  bindings = [
    (name = "SIGNERE_SECRET", fromEnvironment = "SIGNERE_SECRET"),
    (name = "AXLE_HEADER_NAME", fromEnvironment = "AXLE_HEADER_NAME"),
    (name = "AXLE_HEADER_VALUE", fromEnvironment = "AXLE_HEADER_VALUE"),
  ],
);
