// A self-contained API reference (no CDN, works offline): reads /api/openapi.json, lists every
// operation by tag with its parameters and body schema, and lets you try calls with a token.
export const docsPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Lotwise API reference</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#1d2733;background:#f6f7f9}
header{background:#14342b;color:#fff;padding:14px 24px}header h1{margin:0;font-size:20px}
main{max-width:1100px;margin:0 auto;padding:16px 24px}
.op{background:#fff;border:1px solid #dde2e8;border-radius:6px;margin:8px 0}
.op summary{cursor:pointer;padding:8px 12px;display:flex;gap:12px;align-items:center}
.m{font:600 12px monospace;padding:2px 8px;border-radius:4px;color:#fff;min-width:56px;text-align:center}
.get{background:#2f6fb3}.post{background:#2e8b57}.patch{background:#b7791f}.delete{background:#c0392b}.put{background:#6b46c1}
.body{padding:8px 16px 16px}pre{background:#0f1720;color:#d7e3f0;padding:10px;border-radius:4px;overflow:auto;max-height:360px}
textarea,input{font:12px monospace;width:100%;box-sizing:border-box}h2{margin-top:28px;text-transform:capitalize}
</style></head><body>
<header><h1>Lotwise API reference</h1><div>Errors are <code>application/problem+json</code>. Sign in with <code>POST /api/auth/login</code>, then paste the token.</div></header>
<main><label>Bearer token <input id="token" placeholder="eyJ..."></label><div id="ops">Loading /api/openapi.json…</div></main>
<script>
const el=(t,a={},...c)=>{const e=document.createElement(t);Object.assign(e,a);c.forEach(x=>e.append(x));return e};
fetch('/api/openapi.json').then(r=>r.json()).then(spec=>{
  const root=document.getElementById('ops');root.textContent='';
  const byTag={};
  for(const [path,ops] of Object.entries(spec.paths))for(const [method,op] of Object.entries(ops)){
    const tag=(op.tags||['general'])[0];(byTag[tag]=byTag[tag]||[]).push({path,method,op});}
  for(const [tag,ops] of Object.entries(byTag)){root.append(el('h2',{textContent:tag}));
    for(const {path,method,op} of ops){
      const params=(op.parameters||[]).map(p=>p.name+' ('+p.in+(p.required?', required':'')+')').join(', ');
      const schema=op.requestBody?.content?.['application/json']?.schema;
      const pathInput=el('input',{value:path});const bodyInput=el('textarea',{rows:6,value:schema?JSON.stringify(example(schema,spec),null,2):''});
      const out=el('pre',{textContent:''});
      const send=el('button',{textContent:'Send',onclick:async()=>{
        const h={'content-type':'application/json'};const t=document.getElementById('token').value.trim();if(t)h.authorization='Bearer '+t;
        const r=await fetch(pathInput.value,{method:method.toUpperCase(),headers:h,body:['get','delete'].includes(method)?undefined:bodyInput.value||undefined});
        out.textContent=r.status+' '+r.statusText+'\\n'+await r.text();}});
      root.append(el('details',{className:'op'},el('summary',{},el('span',{className:'m '+method,textContent:method.toUpperCase()}),el('code',{textContent:path}),el('span',{textContent:op.summary||''})),
        el('div',{className:'body'},el('div',{textContent:params?'Parameters: '+params:''}),schema?el('pre',{textContent:JSON.stringify(schema,null,2)}):'',
          el('div',{},'Path and query: ',pathInput),schema?el('div',{},'Body: ',bodyInput):'',send,out)));}}
});
function example(s,spec){if(s.$ref)s=spec.components.schemas[s.$ref.split('/').pop()]||{};
  if(s.anyOf||s.oneOf)return example((s.anyOf||s.oneOf)[0],spec);
  if(s.type==='object'){const o={};for(const [k,v] of Object.entries(s.properties||{}))if((s.required||[]).includes(k))o[k]=example(v,spec);return o}
  if(s.type==='array')return [example(s.items||{},spec)];if(s.enum)return s.enum[0];if(s.const!==undefined)return s.const;
  if(s.type==='integer'||s.type==='number')return 1;if(s.type==='boolean')return true;return 'string'}
</script></body></html>`;
