export default function Home() {
  return <p>Webhooks: POST /api/webhooks/signere and /api/webhooks/ignition.</p>;
}
