using System.Reflection.Metadata;

namespace Stations.Testing;

/// <summary>
/// Names types read with System.Reflection.Metadata the way the nanoFramework API reference lines
/// (/work/shared/reference/nanoframework-api/*.txt) write them, so the subset checker and the adapter reference list agree.
/// </summary>
public static class NanoTypeNames
{
    /// <summary>The C# keyword of a primitive type (`int`, `string` ...), or the type code's name.</summary>
    public static string Primitive(PrimitiveTypeCode typeCode) => typeCode switch
    {
        PrimitiveTypeCode.Boolean => "bool",
        PrimitiveTypeCode.Byte => "byte",
        PrimitiveTypeCode.SByte => "sbyte",
        PrimitiveTypeCode.Char => "char",
        PrimitiveTypeCode.Int16 => "short",
        PrimitiveTypeCode.UInt16 => "ushort",
        PrimitiveTypeCode.Int32 => "int",
        PrimitiveTypeCode.UInt32 => "uint",
        PrimitiveTypeCode.Int64 => "long",
        PrimitiveTypeCode.UInt64 => "ulong",
        PrimitiveTypeCode.Single => "float",
        PrimitiveTypeCode.Double => "double",
        PrimitiveTypeCode.String => "string",
        PrimitiveTypeCode.Object => "object",
        PrimitiveTypeCode.Void => "void",
        PrimitiveTypeCode.IntPtr => "IntPtr",
        PrimitiveTypeCode.UIntPtr => "UIntPtr",
        PrimitiveTypeCode.TypedReference => "TypedReference",
        _ => typeCode.ToString(),
    };

    /// <summary>`Namespace.Type` of a type the assembly defines; a nested type as `Namespace.Outer+Inner`.</summary>
    public static string Definition(MetadataReader md, TypeDefinitionHandle handle)
    {
        TypeDefinition type = md.GetTypeDefinition(handle);
        string name = md.GetString(type.Name);
        TypeDefinitionHandle declaring = type.GetDeclaringType();
        return declaring.IsNil ? Qualified(md.GetString(type.Namespace), name) : Definition(md, declaring) + "+" + name;
    }

    /// <summary>`Namespace.Type` of a type the assembly uses from elsewhere; a nested type as `Namespace.Outer+Inner`.</summary>
    public static string Reference(MetadataReader md, TypeReferenceHandle handle)
    {
        TypeReference type = md.GetTypeReference(handle);
        string name = md.GetString(type.Name);
        return type.ResolutionScope.Kind == HandleKind.TypeReference
            ? Reference(md, (TypeReferenceHandle)type.ResolutionScope) + "+" + name
            : Qualified(md.GetString(type.Namespace), name);
    }

    private static string Qualified(string ns, string name) => ns.Length == 0 ? name : ns + "." + name;
}
