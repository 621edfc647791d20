-- Hand-written (Prisma's schema language has no DEFERRABLE): an upload may
-- insert the eval series of its runs before the runs themselves, before it
-- takes the round's lock (lib/server/services/upload.ts, issue 12), with
-- SET CONSTRAINTS "RunEvals_runId_fkey" DEFERRED in its transaction. Every
-- other writer keeps the immediate check (INITIALLY IMMEDIATE), and the
-- cascade on delete is never deferred. The migration runner splits scripts at
-- every semicolon: none in this comment.
ALTER TABLE "RunEvals" ALTER CONSTRAINT "RunEvals_runId_fkey" DEFERRABLE INITIALLY IMMEDIATE;
