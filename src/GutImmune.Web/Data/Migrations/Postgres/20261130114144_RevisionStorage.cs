using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GutImmune.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RevisionStorage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "Snapshot",
                table: "Revisions",
                type: "text",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "text");

            migrationBuilder.AddColumn<byte[]>(
                name: "CompressedSnapshot",
                table: "Revisions",
                type: "bytea",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "LastReviewedOn",
                table: "Revisions",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReviewedBy",
                table: "Revisions",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Status",
                table: "Revisions",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            // Rows written before this migration keep their plain JSON (read as it is); they get the status and review
            // that retention goes by from it, so that old history can be pruned as well. A status not read stays null: kept.
            migrationBuilder.Sql("""
                UPDATE "Revisions" SET
                    "Status" = CASE "Snapshot"::json ->> 'status'
                        WHEN 'draft' THEN 'Draft' WHEN 'inReview' THEN 'InReview'
                        WHEN 'published' THEN 'Published' WHEN 'unpublished' THEN 'Unpublished' END,
                    "LastReviewedOn" = ("Snapshot"::json ->> 'lastReviewedOn')::date,
                    "ReviewedBy" = left("Snapshot"::json ->> 'reviewedBy', 200)
                WHERE "Snapshot" IS NOT NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Revisions saved since this migration exist only compressed: going back leaves them empty.
            migrationBuilder.DropColumn(
                name: "CompressedSnapshot",
                table: "Revisions");

            migrationBuilder.DropColumn(
                name: "LastReviewedOn",
                table: "Revisions");

            migrationBuilder.DropColumn(
                name: "ReviewedBy",
                table: "Revisions");

            migrationBuilder.DropColumn(
                name: "Status",
                table: "Revisions");

            migrationBuilder.AlterColumn<string>(
                name: "Snapshot",
                table: "Revisions",
                type: "text",
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "text",
                oldNullable: true);
        }
    }
}
