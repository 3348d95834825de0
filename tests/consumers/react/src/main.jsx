import { StrictMode, useCallback, useEffect, useRef, useState } from "react";
import { createRoot } from "react-dom/client";
import { watchSignere } from "embed-events";

// The signing URL comes from your backend; this page takes it from its query string.
const signingUrl = new URLSearchParams(location.search).get("signing");

function Signing({ onEvent }) {
  const frame = useRef(null);
  useEffect(() => {
    const w = watchSignere({ source: frame.current, onEvent });
    return () => w.stop();
  }, [onEvent]);
  return <iframe ref={frame} id="signing" title="Sign the agreement" src={signingUrl} />;
}

function App() {
  const [open, setOpen] = useState(true);
  const [events, setEvents] = useState([]);
  const onEvent = useCallback((event) => setEvents((list) => [...list, event]), []);
  return (
    <>
      {open && <Signing onEvent={onEvent} />}
      <button id="close" onClick={() => setOpen(false)}>Close</button>
      <ul id="log">
        {events.map((event, i) => <li key={i}>{JSON.stringify(event)}</li>)}
      </ul>
    </>
  );
}

createRoot(document.querySelector("#root")).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
