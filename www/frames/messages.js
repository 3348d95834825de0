// The messages the fake vendor pages can post: every message of the contract's tables, a few
// malformed ones and an unknown one, with values shaped like the real vendors' messages. `data` is
// posted as an object or as its JSON string, as the page's encoding switch says; `raw` is always
// posted as it is (a string that is not JSON).
//
// `id` is stable: the host page and the end-to-end tests address buttons by `data-msg="<id>"`.

const DOCUMENT_ID = "8bfae710-5a5b-4b7e-9d3e-0c1f6a2d9e41";
const EXTERNAL_ID = "loan-agreement-2024-0117";
const CLIENT = "cli_Rk7pW2xQd9FvM3tZ";

/** @typedef {{ id: string, label: string, note?: string, data?: unknown, raw?: string }} DemoMessage */

/** @type {{ title: string, items: DemoMessage[] }[]} */
export const IGNITION = [
  {
    title: "Events",
    items: [
      {
        id: "complete",
        label: "complete",
        data: { status: "complete", authCode: "cod_LwPJhgxnjinMEPfGYc-XV", client: CLIENT, result: "link" },
      },
      {
        id: "exit",
        label: "exit",
        data: { status: "exit", step: "carrier-login", client: CLIENT },
      },
      {
        id: "error",
        label: "error",
        data: { status: "error", message: "The carrier's website did not respond", client: CLIENT },
      },
    ],
  },
  {
    title: "Malformed & unknown",
    items: [
      {
        id: "complete-authcode-number",
        label: "complete",
        note: "authCode: 42",
        data: { status: "complete", authCode: 42, client: CLIENT },
      },
      { id: "not-json", label: "not JSON", note: "bare string", raw: "status=complete&authCode=cod_x" },
      {
        id: "unknown",
        label: "attempted",
        note: "unknown",
        data: { status: "attempted", client: CLIENT },
      },
    ],
  },
];

/** @type {{ title: string, items: DemoMessage[] }[]} */
export const SIGNERE = [
  {
    title: "Flow",
    items: [
      { id: "app_started", label: "app_started", data: { type: "app_started", payload: { documentId: DOCUMENT_ID } } },
      {
        id: "document_read",
        label: "document_read",
        data: { type: "document_read", payload: { documentId: DOCUMENT_ID, externalDocumentId: EXTERNAL_ID } },
      },
      { id: "eid_selected", label: "eid_selected", data: { type: "eid_selected", payload: { eid: "no_bankid" } } },
      {
        id: "language_changed",
        label: "language_changed",
        data: { type: "language_changed", payload: { language: "EN" } },
      },
      { id: "spinner_on", label: "spinner_on", data: { type: "spinner_on" } },
      { id: "spinner_off", label: "spinner_off", data: { type: "spinner_off" } },
      { id: "outdated_browser", label: "outdated_browser", data: { type: "outdated_browser" } },
    ],
  },
  {
    title: "sign_error, in its three payload forms",
    items: [
      {
        id: "sign_error-nested",
        label: "sign_error",
        note: "{ error }",
        data: {
          type: "sign_error",
          payload: { error: { code: "cookies_disabled", message: "Cookies are disabled in this browser" } },
        },
      },
      {
        id: "sign_error-flat",
        label: "sign_error",
        note: "{ errorCode }",
        data: {
          type: "sign_error",
          payload: {
            errorCode: "SA-1017",
            errorMessage: "Operation timed out",
            eidErrorCode: "C161",
            eidErrorMessage: "The BankID session timed out",
            documentId: DOCUMENT_ID,
          },
        },
      },
      {
        id: "sign_error-legacy",
        label: "sign_error",
        note: "{ code }",
        data: { type: "sign_error", payload: { code: "SA-1020", message: "Error starting Norwegian BankID" } },
      },
    ],
  },
  {
    title: "Terminal",
    items: [
      { id: "sign_success", label: "sign_success", data: { type: "sign_success", payload: { documentId: DOCUMENT_ID } } },
      {
        id: "document_expired",
        label: "document_expired",
        data: { type: "document_expired", payload: { documentId: DOCUMENT_ID, externalDocumentId: EXTERNAL_ID } },
      },
      { id: "user_aborted", label: "user_aborted", data: { type: "user_aborted", payload: { documentId: DOCUMENT_ID } } },
      {
        id: "user_canceled",
        label: "user_canceled",
        data: { type: "user_canceled", payload: { documentId: DOCUMENT_ID } },
      },
    ],
  },
  {
    title: "Malformed & unknown",
    items: [
      {
        id: "eid_selected-no-eid",
        label: "eid_selected",
        note: "no eid",
        data: { type: "eid_selected", payload: {} },
      },
      { id: "not-json", label: "not JSON", note: "truncated", raw: '{"type":"sign_success","payload":{"docu' },
      {
        id: "unknown",
        label: "document_downloaded",
        note: "unknown",
        data: { type: "document_downloaded", payload: { documentId: DOCUMENT_ID } },
      },
    ],
  },
];

export const CATALOGS = { ignition: IGNITION, signere: SIGNERE };
