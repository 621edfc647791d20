-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "provenance" JSONB;
