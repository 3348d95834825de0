import { ignitionUrl, watchIgnition, watchSignere } from "embed-events";

// The vendors' URLs come from your backend; this page takes them from its query string.
const query = new URLSearchParams(location.search);
const log = (event) => document.querySelector("#log").append(JSON.stringify(event), "\n");

const ignition = document.querySelector("#ignition");
ignition.src = ignitionUrl(query.get("ignition"));
watchIgnition({ source: ignition, onComplete: log });

const signing = document.querySelector("#signing");
signing.src = query.get("signing");
watchSignere({ source: signing, onSignSuccess: log });
