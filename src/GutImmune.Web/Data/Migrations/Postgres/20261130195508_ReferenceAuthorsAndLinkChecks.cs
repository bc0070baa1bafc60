using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace GutImmune.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ReferenceAuthorsAndLinkChecks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<List<string>>(
                name: "AuthorNames",
                table: "Citations",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'");

            migrationBuilder.AddColumn<bool>(
                name: "AuthorsEtAl",
                table: "Citations",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            // Today's free text ("Vighi G, Marcucci F, et al.") becomes the names and the flag, by the rules of
            // ReferenceAuthors.FromText (MigrationTests compare them).
            migrationBuilder.Sql("""
                UPDATE "Citations" SET
                    "AuthorNames" = ARRAY(
                        SELECT btrim(part, E' \t\n\r') FROM unnest(string_to_array("Authors", ',')) WITH ORDINALITY AS parts(part, position)
                        WHERE btrim(part, E' \t\n\r') <> '' AND lower(btrim(part, E' \t\n\r')) NOT IN ('et al.', 'et al')
                        ORDER BY position),
                    "AuthorsEtAl" = EXISTS (
                        SELECT 1 FROM unnest(string_to_array("Authors", ',')) AS parts(part)
                        WHERE lower(btrim(part, E' \t\n\r')) IN ('et al.', 'et al'));
                """);

            migrationBuilder.DropColumn(
                name: "Authors",
                table: "Citations");

            migrationBuilder.CreateTable(
                name: "LinkChecks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Address = table.Column<string>(type: "character varying(2500)", maxLength: 2500, nullable: false),
                    StatusCode = table.Column<int>(type: "integer", nullable: true),
                    FinalAddress = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    Redirects = table.Column<List<string>>(type: "text[]", nullable: false),
                    CheckedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Error = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
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
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.Sql("""
                UPDATE "Citations" SET "Authors" = array_to_string(
                    "AuthorNames" || CASE WHEN "AuthorsEtAl" THEN ARRAY['et al.'] ELSE ARRAY[]::text[] END, ', ');
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
