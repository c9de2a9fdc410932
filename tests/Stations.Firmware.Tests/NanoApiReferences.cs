using System.Collections.Immutable;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using Stations.Testing;

namespace Stations.Firmware.Tests;

/// <summary>
/// Lists every member an assembly references in other assemblies, written like the nanoFramework API reference lines:
/// `[static ]return Namespace.Type::Name(parameter, types)` for methods and `[static ]field type Namespace.Type::Name` for
/// fields, together with the referenced assembly's name.
/// </summary>
internal static class NanoApiReferences
{
    public static IReadOnlyList<(string Assembly, string Member)> Read(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        MetadataReader md = pe.GetMetadataReader();
        var provider = new TypeNames();

        // Constructors of the attributes the SDK puts on the assembly and module (TargetFramework, AssemblyVersion ...)
        // come from the host build, not from the adapter sources.
        var hostOnly = new HashSet<EntityHandle>();
        foreach (var handle in md.GetCustomAttributes(EntityHandle.AssemblyDefinition).Concat(md.GetCustomAttributes(EntityHandle.ModuleDefinition)))
        {
            hostOnly.Add(md.GetCustomAttribute(handle).Constructor);
        }

        var result = new List<(string, string)>();
        foreach (MemberReferenceHandle handle in md.MemberReferences)
        {
            if (hostOnly.Contains(handle))
            {
                continue;
            }

            MemberReference member = md.GetMemberReference(handle);
            if (member.Parent.Kind == HandleKind.TypeSpecification)
            {
                // A member of a generic instantiation (List<T> …): nanoFramework 1.17 has no generics at run time.
                string spec = provider.GetTypeFromSpecification(md, null, (TypeSpecificationHandle)member.Parent, 0);
                result.Add(("", "generic instantiation " + spec + "::" + md.GetString(member.Name)));
                continue;
            }

            if (member.Parent.Kind != HandleKind.TypeReference)
            {
                continue; // members of the assembly's own types
            }

            var parent = (TypeReferenceHandle)member.Parent;
            string assembly = AssemblyOf(md, parent);
            string typeName = provider.GetTypeFromReference(md, parent, 0);
            string name = md.GetString(member.Name);
            if (member.GetKind() == MemberReferenceKind.Field)
            {
                string fieldType = member.DecodeFieldSignature(provider, null);
                result.Add((assembly, "field " + fieldType + " " + typeName + "::" + name));
                continue;
            }

            MethodSignature<string> signature = member.DecodeMethodSignature(provider, null);
            string prefix = signature.Header.IsInstance ? "" : "static ";
            result.Add((assembly, prefix + signature.ReturnType + " " + typeName + "::" + name + "(" + string.Join(", ", signature.ParameterTypes) + ")"));
        }

        int genericMethodCalls = md.GetTableRowCount(TableIndex.MethodSpec);
        for (int row = 1; row <= genericMethodCalls; row++)
        {
            var spec = md.GetMethodSpecification(MetadataTokens.MethodSpecificationHandle(row));
            result.Add(("", "generic method instantiation (row " + row + ", " + spec.Method.Kind + ")"));
        }

        return result;
    }

    private static string AssemblyOf(MetadataReader md, TypeReferenceHandle handle)
    {
        TypeReference type = md.GetTypeReference(handle);
        while (type.ResolutionScope.Kind == HandleKind.TypeReference)
        {
            type = md.GetTypeReference((TypeReferenceHandle)type.ResolutionScope);
        }

        return type.ResolutionScope.Kind == HandleKind.AssemblyReference
            ? md.GetString(md.GetAssemblyReference((AssemblyReferenceHandle)type.ResolutionScope).Name)
            : "";
    }

    private sealed class TypeNames : ISignatureTypeProvider<string, object?>
    {
        public string GetPrimitiveType(PrimitiveTypeCode typeCode) => NanoTypeNames.Primitive(typeCode);

        public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => NanoTypeNames.Definition(reader, handle);

        public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => NanoTypeNames.Reference(reader, handle);

        public string GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
            reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);

        public string GetSZArrayType(string elementType) => elementType + "[]";

        public string GetArrayType(string elementType, ArrayShape shape) => elementType + "[" + new string(',', shape.Rank - 1) + "]";

        public string GetByReferenceType(string elementType) => "ref " + elementType;

        public string GetPointerType(string elementType) => elementType + "*";

        public string GetPinnedType(string elementType) => elementType;

        public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments) => genericType + "<" + string.Join(", ", typeArguments) + ">";

        public string GetGenericMethodParameter(object? genericContext, int index) => "!!" + index;

        public string GetGenericTypeParameter(object? genericContext, int index) => "!" + index;

        public string GetFunctionPointerType(MethodSignature<string> signature) => "fnptr";

        public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) => unmodifiedType;

        public string GetTypeFromSerializedName(string name) => name;

        public PrimitiveTypeCode GetUnderlyingEnumType(string type) => PrimitiveTypeCode.Int32;

        public string GetSystemType() => "System.Type";

        public bool IsSystemType(string type) => type == "System.Type";
    }
}
