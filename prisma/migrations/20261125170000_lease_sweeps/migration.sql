-- When the lease sweep last succeeded (any app instance). A longer gap than sweeps normally
-- leave means the control plane was blind — the database or every app instance was down —
-- and agents could not renew their leases meanwhile: the next sweep renews held leases before
-- it expires anything (lib/server/runs/credit-outage.ts, docs/reliability.md).
CREATE TABLE "lease_sweeps" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "last_swept_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "lease_sweeps_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "lease_sweeps_one_row_check" CHECK ("id" = 1)
);
INSERT INTO "lease_sweeps" ("id") VALUES (1);
