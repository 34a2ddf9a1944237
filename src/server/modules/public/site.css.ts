/**
 * The public site's one stylesheet (served at /public/assets/site.css, a year of caching under a content-hash
 * query). Phone first, system fonts (no web font to download), no framework; nothing scrolls sideways at 320 px (the menu is
 * a 4-column grid on a phone, never a strip that hides its last items). Shared classes for the other public
 * pages: .card, .cards, .grid, .tag, .btn, .muted, .empty, .facts (a definition list), .bar (a progress bar),
 * .filters (a GET form), .pager, table.list.
 */
export const SITE_CSS = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:15px/1.6 -apple-system,BlinkMacSystemFont,"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC",sans-serif;color:#1f2328;background:#f6f5f2;overflow-wrap:break-word}
a{color:#a4262c;text-decoration:none}a:hover{text-decoration:underline}
img{max-width:100%;height:auto}
h1{font-size:22px;line-height:1.35;margin:20px 0 8px}h2{font-size:18px;margin:24px 0 10px}h3{font-size:16px;margin:0 0 6px}
.wrap{max-width:1120px;margin:0 auto;padding:0 16px}
.site-head{background:#b8312f;color:#fff}
.site-head .wrap{display:flex;flex-wrap:wrap;align-items:center;gap:6px 24px;padding-top:10px;padding-bottom:6px}
.brand{display:flex;align-items:center;gap:10px;color:#fff;min-width:0}.brand:hover{text-decoration:none}
.brand b{display:block;font-size:17px;letter-spacing:.5px}.brand small{display:block;font-size:12px;opacity:.85}
.logo{display:inline-grid;place-items:center;width:34px;height:34px;border-radius:8px;background:#fff;color:#b8312f;font-weight:700}
.site-nav{display:grid;grid-template-columns:repeat(4,1fr);gap:2px;margin:0 -6px;width:calc(100% + 12px)}
.site-nav a{color:#fff;opacity:.9;padding:6px 4px;border-radius:6px;font-size:14px;line-height:1.4;text-align:center;overflow-wrap:anywhere}
.site-nav a[aria-current]{background:rgba(255,255,255,.18);opacity:1;font-weight:600}
main{padding-bottom:32px;min-height:60vh}
.lead{color:#57606a;margin:0 0 16px}
.muted{color:#6e7781;font-size:13px}
.cards{display:grid;gap:12px;grid-template-columns:1fr}
.card{display:block;background:#fff;border:1px solid #e6e2da;border-radius:10px;padding:14px 16px;color:inherit}
a.card:hover{border-color:#b8312f;text-decoration:none}
.card p{margin:4px 0}
.card img{display:block;border-radius:8px;margin:8px 0 0;aspect-ratio:4/3;object-fit:cover;width:100%;background:#eee}
.tag{display:inline-block;font-size:12px;line-height:18px;padding:0 6px;border-radius:4px;background:#f3e6e5;color:#8c1d1a;margin:0 4px 4px 0}
.tag.ok{background:#e3f1e5;color:#1a6b2a}.tag.off{background:#eee;color:#555}
.btn{display:inline-block;background:#b8312f;color:#fff;padding:8px 16px;border-radius:8px;font-weight:600;border:0;font:inherit;cursor:pointer}
.btn:hover{text-decoration:none;background:#9d2624}.btn.ghost{background:#fff;color:#b8312f;border:1px solid #b8312f}
.facts{display:grid;grid-template-columns:auto 1fr;gap:6px 16px;margin:0;background:#fff;border:1px solid #e6e2da;border-radius:10px;padding:14px 16px}
.facts dt{color:#6e7781}.facts dd{margin:0}
.stats{display:grid;grid-template-columns:repeat(2,1fr);gap:10px;margin:12px 0}
.stat{background:#fff;border:1px solid #e6e2da;border-radius:10px;padding:10px 12px}
.stat b{display:block;font-size:22px;color:#b8312f}.stat span{font-size:13px;color:#57606a}
.bar{height:8px;background:#eee;border-radius:4px;overflow:hidden;margin:4px 0}.bar i{display:block;height:100%;background:#b8312f}
.filters{display:grid;gap:8px;grid-template-columns:1fr 1fr;background:#fff;border:1px solid #e6e2da;border-radius:10px;padding:12px;margin:0 0 14px}
.filters label{display:flex;flex-direction:column;font-size:13px;color:#57606a;gap:2px}
.filters input,.filters select{font:inherit;padding:6px 8px;border:1px solid #cfcac0;border-radius:6px;background:#fff;min-width:0}
.filters .wide{grid-column:1/-1}.filters .actions{grid-column:1/-1;display:flex;gap:8px;align-items:center}
.pager{display:flex;gap:12px;justify-content:center;margin:16px 0}
.empty{background:#fff;border:1px dashed #cfcac0;border-radius:10px;padding:24px;text-align:center;color:#57606a}
table.list{width:100%;border-collapse:collapse;background:#fff;border-radius:10px;overflow:hidden}
table.list th,table.list td{padding:8px 10px;border-bottom:1px solid #eee;text-align:left;vertical-align:top;overflow-wrap:anywhere}
table.list th{background:#faf8f5;font-weight:600;font-size:13px;color:#57606a}
.prose{background:#fff;border:1px solid #e6e2da;border-radius:10px;padding:16px 18px}.prose p{margin:0 0 12px}
.photos{display:grid;gap:8px;grid-template-columns:repeat(2,1fr);margin:12px 0}
.photos img{width:100%;aspect-ratio:4/3;object-fit:cover;border-radius:8px;background:#eee}
.crumbs{font-size:13px;margin:14px 0 0;color:#6e7781}
.site-foot{border-top:1px solid #e6e2da;background:#fff;color:#6e7781;font-size:13px}.site-foot .wrap{padding:14px 16px}
.site-foot p{margin:4px 0}
@media(min-width:720px){
.site-nav{display:flex;flex-wrap:wrap;gap:2px 4px;width:auto;max-width:100%}.site-nav a{padding:6px;white-space:nowrap}
h1{font-size:28px}.cards{grid-template-columns:repeat(2,1fr)}.stats{grid-template-columns:repeat(4,1fr)}
.filters{grid-template-columns:repeat(4,1fr)}table.list th{white-space:nowrap}.filters .wide{grid-column:span 2}.photos{grid-template-columns:repeat(3,1fr)}
}
@media(min-width:1024px){.cards{grid-template-columns:repeat(3,1fr)}.site-head .wrap{flex-wrap:nowrap;justify-content:space-between}}
@media print{.site-head nav,.filters,.pager{display:none}}
`
  .trim()
  .replace(/\n/g, '');
