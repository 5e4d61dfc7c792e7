// Minimal HTML helpers for the sandbox's pages: escaping (everything interpolated goes through it)
// and one page layout.

export function escapeHtml (value: unknown): string {
  return String(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}

// `body` must already be safe HTML: build it with escapeHtml.
export function page (title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} - OVH sandbox</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 42rem; margin: 2rem auto; padding: 0 1rem; color: #1b2a4a; }
h1 { font-size: 1.4rem; } table { border-collapse: collapse; } td, th { padding: .25rem .75rem; border-bottom: 1px solid #dde; text-align: left; }
.note { color: #667; font-size: .9rem; } label { display: block; margin: 1rem 0 .25rem; font-weight: 600; }
button { margin: 1.5rem .5rem 0 0; padding: .5rem 1.25rem; font-size: 1rem; cursor: pointer; }
button[value=approve] { background: #0050d7; color: #fff; border: 0; border-radius: 4px; }
</style>
</head>
<body>
<p class="note">OVH sandbox: a simulator of the OVHcloud API. Nothing here is real.</p>
<h1>${escapeHtml(title)}</h1>
${body}
</body>
</html>
`
}
