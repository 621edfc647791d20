-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "hyperparameters" JSONB;
