using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GutImmune.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReferenceAuthorsAndLinkChecks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AuthorNames",
                table: "Citations",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<bool>(
                name: "AuthorsEtAl",
                table: "Citations",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            // Today's free text ("Vighi G, Marcucci F, et al.") becomes the names and the flag, by the rules of
            // ReferenceAuthors.FromText (MigrationTests compare them).
            migrationBuilder.Sql("""
                UPDATE "Citations" SET
                    "AuthorNames" = (
                        SELECT json_group_array(part) FROM (
                            SELECT trim(value, ' ' || char(9) || char(10) || char(13)) AS part FROM json_each('["' || replace(replace(replace(replace(replace(replace("Authors", '\', '\\'), '"', '\"'), char(9), '\t'), char(10), '\n'), char(13), '\r'), ',', '","') || '"]') ORDER BY key)
                        WHERE part <> '' AND lower(part) NOT IN ('et al.', 'et al')),
                    "AuthorsEtAl" = EXISTS (
                        SELECT 1 FROM json_each('["' || replace(replace(replace(replace(replace(replace("Authors", '\', '\\'), '"', '\"'), char(9), '\t'), char(10), '\n'), char(13), '\r'), ',', '","') || '"]')
                        WHERE lower(trim(value, ' ' || char(9) || char(10) || char(13))) IN ('et al.', 'et al'));
                """);

            migrationBuilder.DropColumn(
                name: "Authors",
                table: "Citations");

            migrationBuilder.CreateTable(
                name: "LinkChecks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Address = table.Column<string>(type: "TEXT", maxLength: 2500, nullable: false),
                    StatusCode = table.Column<int>(type: "INTEGER", nullable: true),
                    FinalAddress = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    Redirects = table.Column<string>(type: "TEXT", nullable: false),
                    CheckedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Error = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LinkChecks", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_LinkChecks_Address",
                table: "LinkChecks",
                column: "Address",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LinkChecks");

            migrationBuilder.AddColumn<string>(
                name: "Authors",
                table: "Citations",
                type: "TEXT",
                maxLength: 1000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.Sql("""
                UPDATE "Citations" SET "Authors" = coalesce(
                    (SELECT group_concat(value, ', ') FROM (SELECT value FROM json_each("AuthorNames") ORDER BY key))
                        || CASE WHEN "AuthorsEtAl" THEN ', et al.' ELSE '' END,
                    CASE WHEN "AuthorsEtAl" THEN 'et al.' ELSE '' END);
                """);

            migrationBuilder.DropColumn(
                name: "AuthorNames",
                table: "Citations");

            migrationBuilder.DropColumn(
                name: "AuthorsEtAl",
                table: "Citations");
        }
    }
}
