// What each of `exampleMessages` must be delivered as: the contract's event values (api.md's tables),
// written out here rather than computed, so the tests do not share the package's decoding.
const DOCUMENT_ID = "8bfae710-5a5b-4b7e-9d3e-0c1f6a2d9e41";
const EXTERNAL_ID = "loan-agreement-2024-0117";
const CLIENT = "cli_Rk7pW2xQd9FvM3tZ";

export const ORIGINS = {
  ignition: "https://ignition.axle.insure",
  sandbox: "https://ignition.sandbox.axle.insure",
  signere: "https://sign.idfy.io",
};

export const DELIVERED = {
  Ignition: {
    complete: { status: "complete", authCode: "cod_LwPJhgxnjinMEPfGYc-XV", client: CLIENT, result: "link" },
    exit: { status: "exit", step: "carrier-login", client: CLIENT },
    error: { status: "error", message: "The carrier's website did not respond", client: CLIENT },
  },
  Signere: {
    document_expired: { type: "document_expired", documentId: DOCUMENT_ID, externalDocumentId: EXTERNAL_ID },
    document_read: { type: "document_read", documentId: DOCUMENT_ID, externalDocumentId: EXTERNAL_ID },
    eid_selected: { type: "eid_selected", eid: "no_bankid" },
    language_changed: { type: "language_changed", language: "EN" },
    sign_success: { type: "sign_success", documentId: DOCUMENT_ID },
    sign_error: {
      type: "sign_error",
      code: "SA-1017",
      message: "Operation timed out",
      eidCode: "C161",
      eidMessage: "The BankID session timed out",
      documentId: DOCUMENT_ID,
    },
    spinner_on: { type: "spinner_on" },
    spinner_off: { type: "spinner_off" },
    user_aborted: { type: "user_aborted", documentId: DOCUMENT_ID },
    app_started: { type: "app_started", documentId: DOCUMENT_ID },
    outdated_browser: { type: "outdated_browser" },
  },
};
