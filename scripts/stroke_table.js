// Writes node_modules/.lvzhi/strokes.json: for each Chinese character, its stroke count and the
// basic shape of every stroke (1 横 2 竖 3 撇 4 点 5 折), from cnchar's data (MIT, npm registry).
// Read by lvzhi/core/collation.py to sort names in 姓氏笔画 order.
const fs = require("fs");
const path = require("path");
const cnchar = require("cnchar");
cnchar.use(require("cnchar-order"));

const BASIC = { "一": "1", "㇀": "1", "丨": "2", "亅": "2", "丿": "3", "丶": "4", "㇏": "4" };
const table = {};
for (let cp = 0x4e00; cp <= 0x9fff; cp++) {
  const ch = String.fromCharCode(cp);
  const count = cnchar.stroke(ch);
  if (!(count > 0)) continue;
  const shapes = cnchar.stroke(ch, "order", "shape")[0];
  const seq = Array.isArray(shapes) ? shapes.map((s) => BASIC[s] || "5").join("") : "";
  table[ch] = [count, seq];
}
const out = path.join(__dirname, "..", "node_modules", ".lvzhi", "strokes.json");
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, JSON.stringify(table));
console.log(`笔画表：${Object.keys(table).length} 字 → ${path.relative(process.cwd(), out)}`);
