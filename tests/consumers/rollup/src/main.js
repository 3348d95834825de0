import { watchSignere } from "embed-events";

// The signing URL comes from your backend; this page takes it from its query string.
const frame = document.querySelector("#signing");
frame.src = new URLSearchParams(location.search).get("signing");

watchSignere({
  source: frame,
  onSignSuccess: (event) => document.querySelector("#log").append(JSON.stringify(event), "\n"),
});
