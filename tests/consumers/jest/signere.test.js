const { watchSignere } = require("embed-events");

test("a Signere message from the signing frame arrives as a typed event", () => {
  const iframe = document.createElement("iframe");
  document.body.append(iframe);
  const onSignSuccess = jest.fn();
  const watcher = watchSignere({ source: iframe, origins: ["https://sign.idfy.io"], onSignSuccess });

  const post = (data, origin) =>
    window.dispatchEvent(new MessageEvent("message", { data, origin, source: iframe.contentWindow }));
  const message = { type: "sign_success", payload: { documentId: "d1" } };
  post(JSON.stringify(message), "https://evil.example");
  expect(onSignSuccess).not.toHaveBeenCalled();
  post(JSON.stringify(message), "https://sign.idfy.io");
  post(message, "https://sign.idfy.io");
  expect(onSignSuccess.mock.calls).toEqual([
    [{ type: "sign_success", documentId: "d1" }],
    [{ type: "sign_success", documentId: "d1" }],
  ]);

  watcher.stop();
  expect(watcher.active).toBe(false);
  post(message, "https://sign.idfy.io");
  expect(onSignSuccess).toHaveBeenCalledTimes(2);
});
