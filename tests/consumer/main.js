// What a user's app does with the installed package. tests/e2e/consumer.test.mjs installs the packed
// tarball next to this file, builds it with Vite and reads what the page recorded:
//   window.__beforeInit  what calling watchSignere() before init() threw
//   window.__ignitionUrl ignitionUrl() of a sample Ignition URL
//   window.__events      [callback, event] pairs the Signere watcher delivered
// The fake vendor frame's origin comes in the page's query: ?vendor=http://localhost:PORT
import init, { watchSignere, ignitionUrl } from "embed-events";

const vendor = new URLSearchParams(location.search).get("vendor");
const events = (window.__events = []);
window.__ignored = [];

try {
  watchSignere({ origins: vendor });
  window.__beforeInit = "no error";
} catch (error) {
  window.__beforeInit = `${error.name}: ${error.message}`;
}

async function main() {
  await init();
  const frame = document.createElement("iframe");
  frame.id = "vendor";
  frame.src = `${vendor}/signere.html?parent=${encodeURIComponent(location.origin)}`;
  document.body.append(frame);
  window.__watcher = watchSignere({
    source: frame,
    onSignSuccess: (event) => events.push(["onSignSuccess", event]),
    onEidSelected: (event) => events.push(["onEidSelected", event]),
    onEvent: (event) => events.push(["onEvent", event]),
    onIgnored: (ignored) => window.__ignored.push(ignored),
  });
  window.__ignitionUrl = ignitionUrl("https://ignition.axle.insure/?token=ign_7Qx2dLrP0sVmHc4T");
  document.body.dataset.ready = "true";
}

main().catch((error) => {
  document.body.dataset.failed = String(error);
  console.error(error);
});
