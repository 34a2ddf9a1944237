#!/usr/bin/env bash
# While issue 6 is being built: regenerate migration 0006_day_by_day from src/server/db/schema.ts.
# Removes the old 0006 (SQL, snapshot, journal entry) and runs drizzle-kit generate again.
set -euo pipefail
cd "$(dirname "$0")/.."
M=src/server/db/migrations
rm -f $M/0006_day_by_day.sql $M/meta/0006_snapshot.json
node -e '
const fs=require("fs");const p=process.argv[1];const j=JSON.parse(fs.readFileSync(p,"utf8"));
j.entries=j.entries.filter(e=>e.idx<6);fs.writeFileSync(p,JSON.stringify(j,null,2));' $M/meta/_journal.json
npx drizzle-kit generate --name day_by_day
