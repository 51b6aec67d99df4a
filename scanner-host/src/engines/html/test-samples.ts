/** Test samples for the html engine: realistic smuggling pages, newsletters and spam tricks. */

/** Deterministic pseudo-random bytes as base64, so blobs look like real payloads (no long repeats). */
export function base64Blob(bytes: number, seed = 7): string {
  const out = Buffer.alloc(bytes)
  let x = seed
  for (let i = 0; i < bytes; i++) {
    x = (x * 1103515245 + 12345) >>> 0
    out[i] = x >>> 24
  }
  return out.toString('base64')
}

/** A typical smuggling page: ~20 KB of base64, decoded with atob into a Uint8Array, saved via a Blob link. */
export function smugglingPage(blob = base64Blob(15_000)): string {
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Document</title></head>
<body>
<p>Your document is being prepared, please wait...</p>
<script>
  var file = '${blob}';
  function toBytes(b64) {
    var bin = window.atob(b64);
    var bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return bytes;
  }
  var data = new Blob([toBytes(file)], { type: 'application/octet-stream' });
  if (window.navigator.msSaveOrOpenBlob) {
    window.navigator.msSaveOrOpenBlob(data, 'Invoice_2026.iso');
  } else {
    var a = document.createElement('a');
    document.body.appendChild(a);
    a.style = 'display: none';
    a.href = window.URL.createObjectURL(data);
    a.download = 'Invoice_2026.iso';
    a.click();
  }
</script>
</body></html>`
}

/** A marketing newsletter with what newsletters legitimately do: preheader, inline image, mobile-only block. */
export function newsletter(): string {
  const filler = '&zwnj;&nbsp;'.repeat(60)
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Spring sale</title>
<style>
  body { margin: 0; background-color: #f4f4f4; }
  @media only screen and (max-width: 600px) {
    .mobile-only { display: block !important; max-height: none !important; overflow: visible !important; }
    .desktop-col { width: 100% !important; }
  }
</style></head>
<body style="margin:0;padding:0">
<div style="display:none;font-size:1px;color:#ffffff;line-height:1px;max-height:0px;max-width:0px;opacity:0;overflow:hidden;mso-hide:all;">Spring sale: 30% off everything in store and online until Sunday, plus free delivery.</div>
<div style="display:none;max-height:0;overflow:hidden;">${filler}</div>
<table width="100%" bgcolor="#f4f4f4"><tr><td align="center">
  <p style="font-size:11px;color:#999999">Having trouble reading this? <a href="https://news.shop.example/view">View online</a></p>
  <table width="600" bgcolor="#ffffff"><tr><td>
    <img src="data:image/png;base64,${base64Blob(15_000, 3)}" width="600" alt="Spring sale">
    <h1 style="color:#333333;font-family:Arial">Spring is here</h1>
    <p style="color:#555555">Fresh arrivals for the new season. Take 30% off with the code SPRING at checkout.</p>
    <div class="mobile-only" style="display:none;max-height:0;overflow:hidden;mso-hide:all">
      <p>Download our app to get an extra 10% off your first mobile order, and track every delivery from your phone.</p>
    </div>
    <table><tr><td style="font-size:0"><div class="desktop-col" style="display:inline-block;font-size:14px;width:290px">Women's new arrivals: dresses, coats and shoes for spring.</div><div class="desktop-col" style="display:inline-block;font-size:14px;width:290px">Men's new arrivals: jackets, shirts and trainers.</div></td></tr></table>
    <table><tr><td bgcolor="#e4002b" style="padding:12px"><a href="https://shop.example/sale" style="color:#ffffff;text-decoration:none">Shop the sale now</a></td></tr></table>
    <p style="font-size:11px;color:#999999">You receive this because you subscribed at shop.example. <a href="https://news.shop.example/unsubscribe">Unsubscribe</a></p>
  </td></tr></table>
</td></tr></table>
</body></html>`
}

/** Sixty meaningful characters of "hash buster" words, enough to count as hidden text. */
export const HASH_BUSTER = 'meadow copper lantern violet harbour quantum pebble orchard zephyr'

/** Wraps spam-like visible content around `hidden` markup. */
export function spamWith(hidden: string): string {
  return `<html><body><p>Cheap watches, best prices, order today!</p>${hidden}<p>Click here to order.</p></body></html>`
}
