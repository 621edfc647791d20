-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "runSeconds" DOUBLE PRECISION;
