using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LiveWatch.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PreviewEvidence : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<byte[]>(
                name: "Thumbnail",
                table: "Evidence",
                type: "bytea",
                nullable: true,
                oldClrType: typeof(byte[]),
                oldType: "bytea");

            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "Evidence",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                // Hand-edited: every row stored before this migration is a matched frame.
                defaultValue: "Match");

            migrationBuilder.AddColumn<long>(
                name: "PreviewSequence",
                table: "Evidence",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "StreamSeconds",
                table: "Evidence",
                type: "double precision",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Evidence_IncidentId_PreviewSequence",
                table: "Evidence",
                columns: new[] { "IncidentId", "PreviewSequence" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Evidence_IncidentId_PreviewSequence",
                table: "Evidence");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "Evidence");

            migrationBuilder.DropColumn(
                name: "PreviewSequence",
                table: "Evidence");

            migrationBuilder.DropColumn(
                name: "StreamSeconds",
                table: "Evidence");

            migrationBuilder.AlterColumn<byte[]>(
                name: "Thumbnail",
                table: "Evidence",
                type: "bytea",
                nullable: false,
                defaultValue: new byte[0],
                oldClrType: typeof(byte[]),
                oldType: "bytea",
                oldNullable: true);
        }
    }
}
