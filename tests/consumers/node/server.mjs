// Server-side code: build the Ignition URL for a page on https://app.example.com. Watchers belong in the browser.
import { ignitionUrl, watchSignere } from "embed-events";

console.log(ignitionUrl("https://ignition.axle.insure/?token=t", "https://app.example.com"));
try {
  watchSignere({ origins: "https://sign.idfy.io" });
} catch (error) {
  console.log(`${error.name}: ${error.message}`);
}
