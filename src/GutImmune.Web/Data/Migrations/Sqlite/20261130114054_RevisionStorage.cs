using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GutImmune.Web.Data.Migrations.Sqlite
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
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "TEXT");

            migrationBuilder.AddColumn<byte[]>(
                name: "CompressedSnapshot",
                table: "Revisions",
                type: "BLOB",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "LastReviewedOn",
                table: "Revisions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReviewedBy",
                table: "Revisions",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Status",
                table: "Revisions",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            // Rows written before this migration keep their plain JSON (read as it is); they get the status and review
            // that retention goes by from it, so that old history can be pruned as well. A status not read stays null: kept.
            migrationBuilder.Sql("""
                UPDATE Revisions SET
                    Status = CASE json_extract(Snapshot, '$.status')
                        WHEN 'draft' THEN 'Draft' WHEN 'inReview' THEN 'InReview'
                        WHEN 'published' THEN 'Published' WHEN 'unpublished' THEN 'Unpublished' END,
                    LastReviewedOn = json_extract(Snapshot, '$.lastReviewedOn'),
                    ReviewedBy = substr(json_extract(Snapshot, '$.reviewedBy'), 1, 200)
                WHERE Snapshot IS NOT NULL AND json_valid(Snapshot);
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
                type: "TEXT",
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldNullable: true);
        }
    }
}
